using QuestionBank.Data.Embedded;
using QuestionBank.Web.Apis;
using QuestionBank.Web.Cli;
using QuestionBank.Web.Extensions;
using QuestionBank.Web.Localization;

if (CommandLine.IsCommand(args))
{
    return await CommandLine.InvokeAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

try
{
    await builder.AddQuestionBankAsync();
}
catch (PrerequisiteMissingException missing)
{
    // One line that names the command to run, not a stack trace.
    Console.Error.WriteLine(missing.Message);
    return 1;
}

var app = builder.Build();

app.UseQuestionBankPipeline();
app.MapQuestionsApi();
app.MapSearchApi();
app.MapAccountApi();
app.MapAdminApi();
app.MapReviewsApi();
app.MapMeApi();
app.MapExercisesApi();
app.MapRunsApi();
app.MapMyRunsApi();
app.MapExportApi();
app.MapImagesApi();
app.MapServiceEndpoints();
app.MapLanguageSwitch();
app.MapRazorPages();

app.Run();
return 0;

public partial class Program;
