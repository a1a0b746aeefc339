using ConsultFlow.Engine.Definitions;

namespace ConsultFlow.Engine.Runtime;

/// <summary>What the designer's palette lists and what validation checks a placed activity against.</summary>
public sealed record ActivityDescriptor(
    string Type,
    LocalizedText DisplayName,
    LocalizedText Description,
    string Category,
    IReadOnlyList<InputDescriptor> Inputs,
    IReadOnlyList<string> Outcomes)
{
    /// <summary>Set when the outcomes are chosen per placed activity (Switch cases, task outcomes, fork branches).</summary>
    public string? OutcomesFromInput { get; init; }
    /// <summary>Blocks the instance until something outside resumes it.</summary>
    public bool Blocking { get; init; }
    /// <summary>Owns a nested body flowchart.</summary>
    public bool Container { get; init; }
    /// <summary>Expects at least two inbound connections.</summary>
    public bool IsJoin { get; init; }
}
