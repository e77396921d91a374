// hostile: asks libtorch for a tensor far larger than the memory limit, then touches it
// exercise: lstm
// expect: memory_limit, failed
// limits: memory=1024
using static TorchSharp.torch;

public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        var tensors = new List<Tensor>();
        for (var i = 0; i < 64; i++)
        {
            tensors.Add(ones(256L * 1024 * 1024));
        }
        Console.WriteLine(tensors.Count);
    }
}
