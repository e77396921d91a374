using QuestionBank.Exercises.Catalog;

namespace QuestionBank.Web.Tests.Apis;

public sealed class ExercisesApiTests(SeededApp app) : SharedAppTestBase(app)
{
    [Fact]
    public async Task AnExerciseComesWithStarterSolutionParametersGoalsAndDevices()
    {
        var exercise = await Client.GetFromJsonAsync<JsonElement>("/api/exercises/cnn");

        Assert.Equal("cnn", exercise.GetProperty("id").GetString());
        Assert.Contains("public class Solution", exercise.GetProperty("starter").GetString());
        Assert.Contains("ctx.Submit(model)", exercise.GetProperty("solution").GetString());
        Assert.Equal(5, exercise.GetProperty("params").GetProperty("defaults").GetProperty("epochs").GetInt32());
        Assert.Equal(10, exercise.GetProperty("params").GetProperty("limits").GetProperty("maxEpochs").GetInt32());
        Assert.Equal("test_accuracy", exercise.GetProperty("goals")[0].GetProperty("metric").GetString());
        Assert.Equal(["cpu"], exercise.GetProperty("devices").EnumerateArray().Select(d => d.GetString()));
    }

    public static TheoryData<string> Exercises => [.. ExerciseCatalog.All.Select(exercise => exercise.Id)];

    [Theory]
    [MemberData(nameof(Exercises))]
    public async Task EveryExerciseGivesItsStarterAndSolutionInCSharpAndInPython(string id)
    {
        var exercise = await Client.GetFromJsonAsync<JsonElement>($"/api/exercises/{id}");

        Assert.Equal(["csharp", "python"], exercise.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        var sources = exercise.GetProperty("sources");
        Assert.Equal(exercise.GetProperty("starter").GetString(), sources.GetProperty("csharp").GetProperty("starter").GetString());
        Assert.Equal(exercise.GetProperty("solution").GetString(), sources.GetProperty("csharp").GetProperty("solution").GetString());
        var python = sources.GetProperty("python");
        Assert.Contains("def run(ctx):", python.GetProperty("starter").GetString());
        Assert.Contains("ctx.submit(", python.GetProperty("solution").GetString());
        Assert.DoesNotContain("#@", python.GetProperty("starter").GetString() + python.GetProperty("solution").GetString());
    }

    [Fact]
    public async Task EveryExerciseIsListedAndAnUnknownOneIsNotFound()
    {
        var list = await Client.GetFromJsonAsync<JsonElement>("/api/exercises");

        Assert.Equal(ExerciseCatalog.All.Select(e => e.Id), list.EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        Assert.Equal(["cnn", "lstm", "gan", "dqn", "transformer", "rnn-classify", "transfer", "prune", "quantize", "distill"], ExerciseCatalog.All.Select(e => e.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/api/exercises/no-such-exercise")).StatusCode);
    }
}
