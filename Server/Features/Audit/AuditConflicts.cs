using Microsoft.Data.Sqlite;
using Npgsql;

namespace ConsultFlow.Server.Features.Audit;

/// <summary>
/// Database errors after which an append was certainly not written and may simply be tried again: another writer took
/// the sequence number, or the database was busy. A lost connection during commit is not listed: the row may exist.
/// </summary>
internal static class AuditConflicts
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    public static bool IsConflict(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }:
                    return true;
                case SqliteException { SqliteErrorCode: SqliteConstraint } sqlite:
                    return sqlite.SqliteExtendedErrorCode is SqliteConstraintPrimaryKey or SqliteConstraintUnique;
                case PostgresException postgres:
                    return postgres.SqlState is PostgresErrorCodes.UniqueViolation
                        or PostgresErrorCodes.SerializationFailure
                        or PostgresErrorCodes.DeadlockDetected;
            }
        }
        return false;
    }
}
