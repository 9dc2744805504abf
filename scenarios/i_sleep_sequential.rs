// Two sleeps created up front, then awaited one after the other. Creating a future does not
// start it: each sleep begins only when its own `.await` first polls it.

async fn i_sleep() {
    sleep(Duration::from_secs(5)).await; // @state WaitingOnSleep
}

async fn how_long() {
    let x = i_sleep();
    let y = i_sleep();
    x.await; // @state WaitingOnX
    println!("x finished");
    y.await; // @state WaitingOnY
    println!("y finished");
}
