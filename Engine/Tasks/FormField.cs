using ConsultFlow.Engine.Definitions;

namespace ConsultFlow.Engine.Tasks;

/// <summary>One field of a task or start form, with the rules its value must satisfy.</summary>
public sealed record FormField(string Key, LocalizedText Label, FormFieldType Type)
{
    public bool Required { get; init; }
    /// <summary>Required only when the task is completed with one of these outcomes (e.g. reasons for a refusal).</summary>
    public IReadOnlyList<string>? RequiredForOutcomes { get; init; }
    public bool Multiple { get; init; }
    public IReadOnlyList<string>? Choices { get; init; }
    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
    /// <summary>A .NET regular expression the text must match in full.</summary>
    public string? Pattern { get; init; }
    public LocalizedText? Help { get; init; }
}
