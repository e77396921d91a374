// hostile: starts threads until something gives
// exercise: lstm
// expect: failed, memory_limit, timeout
// limits: timeout=20
public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        var threads = new List<Thread>();
        for (var i = 0; i < 100_000; i++)
        {
            var thread = new Thread(() => Thread.Sleep(Timeout.Infinite)) { IsBackground = true };
            thread.Start();
            threads.Add(thread);
        }
        Console.WriteLine($"{threads.Count} threads");
    }
}
