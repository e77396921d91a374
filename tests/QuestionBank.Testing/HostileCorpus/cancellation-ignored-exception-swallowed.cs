// hostile: catches every exception, including its own out-of-memory, and keeps allocating
// exercise: lstm
// expect: memory_limit, timeout
// limits: memory=1024, timeout=20
public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        var blocks = new List<byte[]>();
        while (true)
        {
            try
            {
                var block = new byte[1 << 24];
                Array.Fill(block, (byte)7);
                blocks.Add(block);
            }
            catch (Exception)
            {
                blocks.Clear();
            }
        }
    }
}
