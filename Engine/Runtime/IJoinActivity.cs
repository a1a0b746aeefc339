using ConsultFlow.Engine.Definitions;

namespace ConsultFlow.Engine.Runtime;

/// <summary>
/// An activity where branches meet. The run loop, which alone sees every branch, decides when it may run; the
/// activity only says how it waits.
/// </summary>
public interface IJoinActivity
{
    JoinMode ModeOf(ActivityNode node);
}
