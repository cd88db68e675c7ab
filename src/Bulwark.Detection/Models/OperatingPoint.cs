namespace Bulwark.Detection.Models;

/// <summary>
/// One point of a category's operating curve, measured at training time on out-of-fold scores (each row scored by a
/// model that never saw its source): at reported score <see cref="Threshold"/>, the share of that category's positive
/// rows reached (<see cref="Recall"/>) and of ordinary and borderline benign rows wrongly reached.
/// </summary>
public sealed record OperatingPoint(double Threshold, double Recall, double OrdinaryFpr, double BorderlineFpr);
