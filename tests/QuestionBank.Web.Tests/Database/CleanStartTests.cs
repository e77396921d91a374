using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace QuestionBank.Web.Tests.Database;

/// <summary>An operator's first start: migrations and the seed import on an empty database.</summary>
public sealed class CleanStartTests
{
    [Fact]
    public async Task AFirstStartOnAnEmptyDatabaseLogsNoErrorLine()
    {
        var log = new ErrorLog();
        await using var app = new QuestionBankApp(await TestCluster.EmptyDatabaseAsync(), services: services => services.AddSingleton<ILoggerProvider>(log));
        using var client = app.CreateClient();

        (await client.GetAsync("/health/ready")).EnsureSuccessStatusCode();

        Assert.Empty(log.Errors);
    }

    /// <summary>Keeps what any category logs at Error or above (what the console shows as "fail:" or "crit:").</summary>
    private sealed class ErrorLog : ILoggerProvider
    {
        public ConcurrentQueue<string> Errors { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Errors);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> errors) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    errors.Enqueue($"{category}[{eventId.Id}]: {formatter(state, exception)}");
                }
            }
        }
    }
}
