using QuestionBank.Web.Apis;
using QuestionBank.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddQuestionBank();

var app = builder.Build();

app.UseQuestionBankPipeline();
app.MapQuestionsApi();
app.MapSearchApi();
app.MapQuestionBankHealthChecks();
app.MapRazorPages();

app.Run();

public partial class Program;
