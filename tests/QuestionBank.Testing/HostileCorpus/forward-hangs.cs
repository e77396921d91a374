// hostile: submits a classifier whose forward never returns
// exercise: cnn
// expect: timeout
// limits: timeout=10
// module: Stuck
Thread.Sleep(Timeout.Infinite);
return input;
