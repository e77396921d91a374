using QuestionBank.Exercises.Catalog.Dqn;
using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Dqn;

/// <summary>
/// Plays greedy CartPole episodes, from start states of its own drawing and under the run's secret
/// <see cref="CartPoleTwist"/> (the one the jail trained under), with the submitted Q-network's weights
/// run by trusted code (<see cref="QNetworkState"/>); the environment and the returns stay on the judge's side.
/// </summary>
internal sealed class DqnJudge(CartPoleTwist twist) : ExerciseJudge
{
    public override IReadOnlyDictionary<string, byte[]> TrainingFiles { get; } =
        new Dictionary<string, byte[]> { [CartPoleTwist.FileName] = twist.ToBytes() };

    public override async Task<JudgeVerdict> JudgeAsync(JudgeTools tools, CancellationToken cancellationToken)
    {
        var network = QNetworkState.FromState(await tools.Model.StateAsync(cancellationToken));
        var random = SecretRandom.Create();
        double total = 0;
        for (var episode = 0; episode < DqnRules.EvaluationEpisodes; episode++)
        {
            var environment = new CartPole(random.Next(), twist);
            var state = environment.Reset();
            while (true)
            {
                var step = environment.Step(SecretRandom.ArgMax(network.Values(state)));
                total += step.Reward;
                if (step.Done)
                {
                    break;
                }
                state = step.State;
            }
        }
        return new JudgeVerdict(new Dictionary<string, double> { ["eval_mean_return"] = total / DqnRules.EvaluationEpisodes }, []);
    }
}
