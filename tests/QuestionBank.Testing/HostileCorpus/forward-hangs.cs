// hostile: submits a Q-network whose forward never returns
// exercise: dqn
// expect: timeout
// limits: timeout=10
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

public class Solution
{
    public void Run(ExerciseContext ctx) => ctx.Submit(new Stuck());
}

public class Stuck : Module<Tensor, Tensor>
{
    public Stuck() : base(nameof(Stuck)) { }

    public override Tensor forward(Tensor input)
    {
        Thread.Sleep(Timeout.Infinite);
        return input;
    }
}
