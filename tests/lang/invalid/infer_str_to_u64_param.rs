// A string where a u64 is wanted.
async fn wait(ms: u64) {
    sleep(Duration::from_millis(ms)).await;
}

async fn main() {
    wait("10").await;
}
