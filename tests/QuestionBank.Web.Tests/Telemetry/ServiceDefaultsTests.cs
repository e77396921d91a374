using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QuestionBank.ServiceDefaults;

namespace QuestionBank.Web.Tests.Telemetry;

/// <summary>What every process takes from ServiceDefaults, and that ServiceDefaults depends on none of our projects.</summary>
public sealed class ServiceDefaultsTests(SeededApp app) : SharedAppTestBase(app)
{
    private const string CommandCategory = "Microsoft.EntityFrameworkCore.Database.Command";

    [Fact]
    public void ServiceDefaultsReferencesNoProjectOfOurs() =>
        Assert.DoesNotContain(typeof(TelemetryExtensions).Assembly.GetReferencedAssemblies(),
            reference => reference.Name!.StartsWith("QuestionBank.", StringComparison.Ordinal));

    [Fact]
    public void AWorkerProcessLogsDatabaseCommandsOnlyWhenTheyFail()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddQuestionBankTelemetry();
        using var host = builder.Build();

        AssertCommandsLogOnlyWhenTheyFail(host.Services);
    }

    [Fact]
    public void TheWebAppLogsDatabaseCommandsOnlyWhenTheyFail() => AssertCommandsLogOnlyWhenTheyFail(App.Services);

    private static void AssertCommandsLogOnlyWhenTheyFail(IServiceProvider services)
    {
        var loggers = services.GetRequiredService<ILoggerFactory>();
        Assert.False(loggers.CreateLogger(CommandCategory).IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger(CommandCategory).IsEnabled(LogLevel.Warning));
        // Migrations still say what they apply.
        Assert.True(loggers.CreateLogger("Microsoft.EntityFrameworkCore.Migrations").IsEnabled(LogLevel.Information));
    }
}
