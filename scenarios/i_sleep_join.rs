// The same two sleeps, now awaited together with `join`: both are polled in the first poll, so
// both timers run at the same time.

async fn i_sleep() {
    sleep(Duration::from_secs(5)).await; // @state WaitingOnSleep
}

async fn how_long() {
    let x = i_sleep();
    let y = i_sleep();
    join(x, y).await; // @state WaitingOnBoth
    println!("x and y finished");
}
