using System.Data.Common;

namespace ConsultFlow.Engine.Persistence;

/// <summary>
/// A write of another feature's table (an attachment's row) that must commit with a step or not at all: the store runs
/// it on the step's own connection and transaction, after the step's rows and before the commit.
/// </summary>
public delegate Task AlongsideWrite(DbConnection connection, DbTransaction transaction, CancellationToken ct);
