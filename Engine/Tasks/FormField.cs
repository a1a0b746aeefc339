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
    /// <summary>The most items a list field may have; <see cref="DefaultMaxItems"/> when unset.</summary>
    public int? MaxItems { get; init; }
    /// <summary>For agency fields: the directory's agency types a value may have ("publicSecurity" …); any when unset.</summary>
    public IReadOnlyList<string>? AgencyTypes { get; init; }

    /// <summary>A one-line text field without its own <see cref="MaxLength"/> takes at most this many characters.</summary>
    public const int DefaultTextLength = 500;
    /// <summary>A long text field (an opinion, a report) without its own <see cref="MaxLength"/>.</summary>
    public const int DefaultLongTextLength = 20_000;
    /// <summary>A list field (agencies, files, choices) without its own <see cref="MaxItems"/>.</summary>
    public const int DefaultMaxItems = 50;

    public int EffectiveMaxLength => MaxLength ?? (Type == FormFieldType.LongText ? DefaultLongTextLength : DefaultTextLength);

    /// <summary>What people call this field: its label in their language.</summary>
    public string DisplayName => Text.Bilingual.Say(Label.Zh, Label.En ?? Label.Zh);
}
