namespace ConsultFlow.Engine.Definitions;

public enum DefinitionStatus
{
    /// <summary>Editable; cannot start instances.</summary>
    Draft,
    /// <summary>Validated and frozen; new instances start on the newest published version.</summary>
    Published,
    /// <summary>No new starts; running instances of this version carry on.</summary>
    Retracted,
}
