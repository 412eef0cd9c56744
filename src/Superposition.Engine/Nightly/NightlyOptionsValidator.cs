using Microsoft.Extensions.Options;

namespace Superposition.Engine.Nightly;

/// <summary>Refuses caps that are not positive and an α outside (0, 0.5], naming the app setting to fix.</summary>
public sealed class NightlyOptionsValidator : IValidateOptions<NightlyOptions>
{
    public ValidateOptionsResult Validate(string? name, NightlyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.MaxTokens is { } tokens && tokens <= 0)
        {
            errors.Add(FormattableString.Invariant($"{Setting(nameof(options.MaxTokens))} is {tokens}; it must be a positive number of tokens, or unset for no cap."));
        }

        if (options.MaxCost is { } cost && !(cost > 0 && double.IsFinite(cost)))
        {
            errors.Add(FormattableString.Invariant($"{Setting(nameof(options.MaxCost))} is {cost}; it must be a positive amount in the models' price currency, or unset for no cap."));
        }

        if (!(options.DriftAlpha > 0 && options.DriftAlpha <= 0.5))
        {
            errors.Add(FormattableString.Invariant($"{Setting(nameof(options.DriftAlpha))} is {options.DriftAlpha}; it must lie in (0, 0.5] (e.g. 0.01, the chance of any false drift flag in a night)."));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static string Setting(string property) =>
        $"Setting {NightlyOptions.SectionName}:{property} (app setting {NightlyOptions.SectionName.Replace(":", "__", StringComparison.Ordinal)}__{property})";
}
