using Microsoft.Extensions.Options;

namespace Bulwark.Gateway.Configuration;

/// <summary>
/// <see cref="IValidateOptions{TOptions}"/> for the option records, which carry their own rules in a
/// <c>Validate()</c> method: each failure names the key and the expected form.
/// </summary>
public sealed class RecordOptionsValidator<T>(Func<T, IReadOnlyList<string>> rules) : IValidateOptions<T> where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var errors = rules(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
