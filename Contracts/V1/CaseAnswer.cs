using System.Text.Json.Nodes;

namespace ConsultFlow.Contracts.V1;

/// <summary>
/// An answer that does a step of a case in place of a person: ConsultFlow completes the task waiting at
/// <see cref="CaseMessage.Step"/> with <see cref="Outcome"/> and <see cref="Form"/>, exactly as if the agency's staff had
/// done it in the web UI. <see cref="Form"/> holds the values of the task's form, keyed as the process names them.
/// </summary>
public abstract record CaseAnswer : CaseMessage
{
    /// <summary>The outcome chosen; each answer type has its usual one, a process may name another.</summary>
    public abstract string Outcome { get; init; }
    public JsonObject? Form { get; init; }
}
