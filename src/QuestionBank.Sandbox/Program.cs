using QuestionBank.Sandbox;
using QuestionBank.Sandbox.Cli;
using QuestionBank.ServiceDefaults;

if (args is ["run", ..])
{
    return await RunCommand.InvokeAsync(args);
}

var builder = Host.CreateApplicationBuilder(args);
// Every lease renewal and progress event is a command; log them only when they fail.
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
builder.AddQuestionBankTelemetry();
builder.AddSandboxDatabase();
builder.AddSandboxWorker();
builder.Build().Run();
return 0;
