using ConsultFlow.Engine.Calendar;
using ConsultFlow.Engine.Profiles;

namespace ConsultFlow.Engine.Tests.Format;

/// <summary>The shipped deployment profiles load, and a regional profile overrides only what it names.</summary>
public sealed class ProfileTests
{
    private static string Folder() => Path.Combine(Repository.Root, "Workflows", "profiles");

    [Fact]
    public void Every_shipped_profile_loads_with_its_base()
    {
        foreach (var file in Directory.GetFiles(Folder(), "*.json"))
        {
            var profile = ProfileLoader.Load(Folder(), Path.GetFileNameWithoutExtension(file));
            profile.Deadlines.Should().ContainKey("referral.headDecision", $"{file} inherits the statutory rules");
        }
    }

    [Fact]
    public void A_regional_profile_overrides_units_and_keeps_the_rest()
    {
        var national = ProfileLoader.Load(Folder(), "default");
        var ningxia = ProfileLoader.Load(Folder(), "ningxia-working-days");
        var chongqing = ProfileLoader.Load(Folder(), "chongqing");

        national.Rule("referral.headDecision").Should().Be(new DeadlineRule(3, PeriodUnit.CalendarDays, "国务院令第310号 第五条"));
        ningxia.Rule("referral.headDecision").Unit.Should().Be(PeriodUnit.WorkingDays);
        ningxia.Region.Should().Be("CN-NX");
        ningxia.Rule("referral.transfer").Should().Be(national.Rule("referral.transfer"));
        chongqing.JurisdictionInterimHandling.Should().Be(JurisdictionInterimHandling.Chongqing);
        national.Rule("consultation.jointRhythm").Should().Be(new DeadlineRule(6, PeriodUnit.Months, "S001 第二十条（联合会商原则上每半年一次）"));
        national.Agencies.PublicSecurity.Should().Be("gaj");
    }

    [Fact]
    public void An_unknown_rule_is_an_error_not_a_silent_default()
    {
        var act = () => ProfileLoader.Load(Folder(), "default").Rule("no.such.rule");
        act.Should().Throw<InvalidOperationException>().WithMessage("*no.such.rule*");
    }
}
