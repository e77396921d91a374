using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QuestionBank.Contracts;
using QuestionBank.Data;
using QuestionBank.Data.Runs;

namespace QuestionBank.Web.Tests.Database;

/// <summary>The schema matches the model, and a run's compile errors live in its JSON column as one shared type.</summary>
public sealed class RunStorageTests(SeededApp app) : SharedAppTestBase(app)
{
    private static readonly CompileError[] Errors =
    [
        new(3, 17, "CS0029", "Cannot implicitly convert type 'string' to 'int'"),
        new(5, 1, "QB0002", "Declare `public class Solution` (in no namespace)."),
    ];

    [Fact]
    public Task TheModelHasNoChangesThatNeedAMigration() => App.WithScopeAsync(async sp =>
    {
        Assert.False(sp.GetRequiredService<QuestionBankDbContext>().Database.HasPendingModelChanges());
        Assert.Empty(await sp.GetRequiredService<QuestionBankDbContext>().Database.GetPendingMigrationsAsync());
        return 0;
    });

    [Fact]
    public async Task CompileErrorsOfACompletedRunRoundTripThroughTheJsonColumnAndTheApi()
    {
        // A device of its own, so that no other test's queued run is claimed here.
        const string device = "storage-test";
        var id = await App.WithScopeAsync(async sp =>
        {
            var queue = new RunQueue(sp.GetRequiredService<QuestionBankDbContext>());
            var queued = await queue.EnqueueAsync(new NewRun(null, "lstm", "source", device, 1, 0.01, 32, 1, null), CancellationToken.None);
            var claimed = await queue.ClaimAsync("storage-worker", [device], TimeSpan.FromMinutes(1), CancellationToken.None);
            Assert.Equal(queued, claimed?.Id);
            Assert.True(await queue.CompleteAsync(queued, "storage-worker",
                new RunCompletion(RunStatus.CompileError, new Dictionary<string, double>(), false, RunMessages.DoesNotCompile.With(), Errors, "", 0.5, []),
                CancellationToken.None));
            return queued;
        });

        var stored = await App.WithScopeAsync(sp => sp.GetRequiredService<QuestionBankDbContext>().Runs.AsNoTracking().SingleAsync(run => run.Id == id));
        Assert.Equal(Errors, stored.CompileErrors);
        // The column keeps the camelCase names of the rows written before the JSON mapping.
        var codes = await App.WithScopeAsync(sp => sp.GetRequiredService<QuestionBankDbContext>().Database
            .SqlQuery<string>($"SELECT compile_errors -> 0 ->> 'code' FROM runs WHERE id = {id}").ToListAsync());
        Assert.Equal(["CS0029"], codes);

        var shown = (await Client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}")).GetProperty("diagnostics").GetProperty("compileErrors");
        Assert.Equal(Errors.Length, shown.GetArrayLength());
        Assert.Equal(17, shown[0].GetProperty("column").GetInt32());
        Assert.Equal("QB0002", shown[1].GetProperty("code").GetString());
    }

    [Fact]
    public async Task ARunWithoutCompileErrorsReadsBackAnEmptyList()
    {
        var id = await App.WithScopeAsync(sp => new RunQueue(sp.GetRequiredService<QuestionBankDbContext>())
            .EnqueueAsync(new NewRun(null, "lstm", "source", "storage-empty", 1, 0.01, 32, 1, null), CancellationToken.None));

        var stored = await App.WithScopeAsync(sp => sp.GetRequiredService<QuestionBankDbContext>().Runs.AsNoTracking().SingleAsync(run => run.Id == id));

        Assert.Empty(stored.CompileErrors);
    }
}
