using QuestionBank.Web.Apis;
using QuestionBank.Web.Cli;
using QuestionBank.Web.Extensions;

var command = CommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(command is null ? args : []);

await builder.AddQuestionBankAsync();

var app = builder.Build();

if (command is not null)
{
    return await command.RunAsync(app);
}

app.UseQuestionBankPipeline();
app.MapQuestionsApi();
app.MapSearchApi();
app.MapAdminApi();
app.MapExercisesApi();
app.MapRunsApi();
app.MapServiceEndpoints();
app.MapRazorPages();

app.Run();
return 0;

public partial class Program;
