using QuestionBank.Web.Apis;
using QuestionBank.Web.Cli;
using QuestionBank.Web.Extensions;
using QuestionBank.Web.Localization;

if (CommandLine.IsCommand(args))
{
    return await CommandLine.InvokeAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

await builder.AddQuestionBankAsync();

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
