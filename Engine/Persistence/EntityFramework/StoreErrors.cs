using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ConsultFlow.Engine.Persistence.EntityFramework;

/// <summary>
/// Which database errors mean "someone else got there first". Only errors by which the database itself refused the
/// statement or the commit are listed: after them the transaction is known to be rolled back, so the caller may reload
/// and retry. A lost connection during commit is not listed, because the commit may or may not have happened.
/// </summary>
public static class StoreErrors
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
                case DbUpdateConcurrencyException:
                    return true;
                // Busy or locked after the busy timeout ran out: SQLite refused the statement (or the commit) and
                // our transaction is rolled back when it is disposed, so nothing of the step was written.
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
