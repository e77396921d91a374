// hostile: submits a Q-network whose forward never returns
// exercise: dqn
// expect: timeout
// limits: timeout=10
// module: Stuck
Thread.Sleep(Timeout.Infinite);
return input;
