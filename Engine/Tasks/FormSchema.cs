namespace ConsultFlow.Engine.Tasks;

/// <summary>The typed form a person fills in to complete a task (or to start a process).</summary>
public sealed record FormSchema(IReadOnlyList<FormField> Fields)
{
    public static FormSchema Empty { get; } = new([]);
}
