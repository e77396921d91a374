using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Resources;

namespace QuestionBank.ServiceDefaults;

public static class TelemetryExtensions
{
    /// <summary>
    /// OpenTelemetry for a QuestionBank process: structured logs, metrics (ASP.NET Core and Kestrel
    /// where present, HttpClient, Npgsql, and the meters that projects register themselves) and
    /// traces (ASP.NET Core where present, Npgsql), exported over OTLP when
    /// OTEL_EXPORTER_OTLP_ENDPOINT is configured; and the log filters every process shares. The
    /// returned builder takes more (the web app adds its Prometheus endpoint and HTTP tracing).
    /// </summary>
    public static OpenTelemetryBuilder AddQuestionBankTelemetry(this IHostApplicationBuilder builder)
    {
        // Lease renewals, progress events and queue samples are database commands too: log commands
        // only when they fail (migrations and connection errors still log as usual).
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithMetrics(metrics => metrics
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http")
                .AddNpgsqlInstrumentation())
            .WithTracing(tracing => tracing.AddNpgsql());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
        return telemetry;
    }
}
