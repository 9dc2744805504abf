// The root task of the Tokio tutorial's small runtime: it starts two more tasks and then waits
// long enough for both of them to finish.

async fn main() {
    spawn(async {
        sleep(Duration::from_millis(100)).await; // @state WaitingOnDelay
        println!("world");
    });
    spawn(async {
        println!("hello");
    });
    sleep(Duration::from_millis(200)).await; // @state WaitingOnDelay
}
