namespace ConsultFlow.Engine.Evidence;

/// <summary>How the first broken row of a record was tampered with.</summary>
public enum ChainFault
{
    /// <summary>The row's content no longer matches its hash, or a state no longer matches what the record says.</summary>
    Changed,
    /// <summary>A row in the middle is missing.</summary>
    Removed,
    /// <summary>A row that the record never wrote is there.</summary>
    Inserted,
    /// <summary>A row does not follow the one before it: rows were reordered or replaced.</summary>
    Reordered,
    /// <summary>Rows at the end are missing: the record is shorter than its head or its seal says.</summary>
    Truncated,
}
