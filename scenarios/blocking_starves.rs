// Two tasks on one thread. `b` waits politely on a timer; `a` blocks the thread instead of
// awaiting, so nothing else can run until its sleep is over.

async fn b() {
    TimerFuture::new(Duration::from_millis(1000)).await; // @state WaitingOnTimer
    println!("B");
}

async fn a() {
    thread_sleep(Duration::from_millis(5000));
    println!("A done");
}
