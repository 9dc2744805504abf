// The task the async book's executor runs: say something, wait two seconds on a timer that
// starts the moment it is created, say something else.

async fn howdy() {
    println!("howdy!");
    TimerFuture::new(Duration::from_secs(2)).await; // @state WaitingOnTimer
    println!("done!");
}
