using BenchmarkDotNet.Running;
using Bulwark.Benchmarks.Load;

// bench entry point:
//   load ...                 the gateway's added latency and throughput (Load/LoadBenchmark.cs)
//   audit ...                audit append throughput and verification time (Audit/AuditBench.cs)
//   access-propagation ...   revocation propagation across three nodes (Access/RevocationPropagationBenchmark.cs)
//   anything else            BenchmarkDotNet micro-benchmarks (e.g. --filter '*Cascade*')
return args.FirstOrDefault() switch
{
    "load" => await LoadBenchmark.RunAsync(args[1..]),
    "audit" => await Bulwark.Benchmarks.Audit.AuditBench.RunAsync(args[1..]),
    "access-propagation" => await Bulwark.Benchmarks.Access.RevocationPropagationBenchmark.RunAsync(args[1..]),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(LoadBenchmark).Assembly).Run(args);
    return 0;
}
