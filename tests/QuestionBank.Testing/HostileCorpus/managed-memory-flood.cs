// hostile: allocates and touches managed memory without end
// exercise: lstm
// expect: memory_limit
// limits: memory=1024
public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        var blocks = new List<byte[]>();
        while (true)
        {
            var block = new byte[1 << 24];
            Array.Fill(block, (byte)1);
            blocks.Add(block);
        }
    }
}
