// A generic async fn awaiting whatever future it is given: its state machine is an instance per
// future type, and holds that future while it waits.
async fn twice<F: Future<Output = u32>>(f: F) -> u32 {
    f.await + 1
}

async fn main() {
    let a = twice(async {
        sleep(Duration::from_millis(10)).await;
        20
    })
    .await;
    println!("{}", a);
}
