// hostile: fills /dev/shm (shared memory outside the memory limit on many systems)
// exercise: lstm
// expect: failed, memory_limit
// limits: memory=1024
public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        Directory.CreateDirectory("/dev/shm");
        using var file = File.Create("/dev/shm/filler");
        var chunk = new byte[1 << 20];
        for (var i = 0; i < 100_000; i++)
        {
            file.Write(chunk);
        }
    }
}
