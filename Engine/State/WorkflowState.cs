using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.State;

/// <summary>
/// The persisted snapshot of one workflow instance: plain data, serialized as JSON by the store. Everything the run
/// loop needs to continue after a restart is here; the journal is kept apart and only appended to.
/// </summary>
public sealed class WorkflowState
{
    public Guid InstanceId { get; set; }
    public string DefinitionId { get; set; } = "";
    public int DefinitionVersion { get; set; }
    public WorkflowStatus Status { get; set; }
    public string? CorrelationKey { get; set; }
    public ParentLink? Parent { get; set; }
    /// <summary>Who started the case; their agency is a party to it.</summary>
    public Actor? StartedBy { get; set; }
    /// <summary>When the starter acted for another agency (the coordination office's recorded exception), for whom and why.</summary>
    public Runtime.ActingFor? ActingFor { get; set; }
    public JsonObject Input { get; set; } = [];
    public JsonObject Variables { get; set; } = [];
    public JsonNode? Output { get; set; }
    /// <summary>Outputs of completed activities of the root flowchart, by activity id.</summary>
    public JsonObject Outputs { get; set; } = [];
    /// <summary>Work scheduled but not yet run. Empty between steps unless the instance faulted.</summary>
    public List<ScheduledWork> Queue { get; set; } = [];
    public List<BookmarkState> Bookmarks { get; set; } = [];
    public List<ScopeState> Scopes { get; set; } = [];
    public List<JoinWait> JoinWaits { get; set; } = [];
    public Incident? Incident { get; set; }
    public long NextJournalSequence { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}
