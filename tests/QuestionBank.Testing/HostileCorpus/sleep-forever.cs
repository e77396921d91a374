// hostile: sleeps forever, ignoring its cancellation token
// exercise: lstm
// expect: timeout
// limits: timeout=10
public class Solution
{
    public void Run(ExerciseContext ctx) => Thread.Sleep(Timeout.Infinite);
}
