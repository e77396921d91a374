// hostile: spins on every core forever
// exercise: lstm
// expect: timeout
// limits: timeout=10
public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        var spinners = Enumerable.Range(0, Environment.ProcessorCount * 4)
            .Select(_ => new Thread(() => { var x = 0L; while (true) { x++; } }) { IsBackground = true })
            .ToList();
        spinners.ForEach(thread => thread.Start());
        spinners.ForEach(thread => thread.Join());
    }
}
