using QuestionBank.Sandbox;
using QuestionBank.Sandbox.Cli;
using QuestionBank.ServiceDefaults;

if (args is ["run", .. var runArgs])
{
    return await RunCommand.ExecuteAsync(runArgs);
}

var builder = Host.CreateApplicationBuilder(args);
builder.AddQuestionBankTelemetry();
builder.AddSandboxDatabase();
builder.AddSandboxWorker();
builder.Build().Run();
return 0;
