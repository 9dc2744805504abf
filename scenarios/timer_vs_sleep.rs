// An eager timer and a lazy one, created at the same moment and awaited only later. Both are
// left alone while foo.txt is read; only one of them uses that time to count.

async fn race() {
    let timer = TimerFuture::new(Duration::from_millis(50));
    let nap = sleep(Duration::from_millis(40));
    let text = async_read_file("foo.txt").await; // @state WaitingOnFooTxt
    println!("read {}", text);
    let timer_side = async move {
        timer.await; // @state WaitingOnTimer
        println!("timer fired");
    };
    let sleep_side = async move {
        nap.await; // @state WaitingOnSleep
        println!("sleep finished");
    };
    join(timer_side, sleep_side).await; // @state WaitingOnBoth
}
