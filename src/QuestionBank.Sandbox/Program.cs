using QuestionBank.Sandbox;
using QuestionBank.Sandbox.Cli;

if (args is ["run", .. var runArgs])
{
    return await RunCommand.ExecuteAsync(runArgs);
}

var builder = Host.CreateApplicationBuilder(args);
// Every lease renewal and progress event is a command; log them only when they fail.
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
builder.AddSandboxDatabase();
builder.AddSandboxWorker();
builder.Build().Run();
return 0;
