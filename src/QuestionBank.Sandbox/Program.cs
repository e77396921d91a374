using QuestionBank.Sandbox;
using QuestionBank.Sandbox.Cli;
using QuestionBank.Sandbox.Jail;
using QuestionBank.Sandbox.Worker;
using QuestionBank.ServiceDefaults;

if (args is ["run", ..])
{
    return await RunCommand.InvokeAsync(args);
}

var builder = Host.CreateApplicationBuilder(args);
builder.AddQuestionBankTelemetry();
builder.AddSandboxDatabase();
builder.AddSandboxWorker();
if (builder.Configuration.GetValue<bool>($"{SandboxOptions.SectionName}:{nameof(SandboxOptions.Supervised)}"))
{
    builder.Services.AddHostedService<SupervisorLink>();
}
// A worker that cannot limit runs refuses to start rather than claim runs it must fail.
if (CgroupLimits.WhyRunsWouldBeUnlimited(
    builder.Configuration.GetSection(SandboxOptions.SectionName).Get<SandboxOptions>() ?? new SandboxOptions()) is { } refusal)
{
    Console.Error.WriteLine(refusal);
    return 3;
}
builder.Build().Run();
return 0;
