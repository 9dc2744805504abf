// An `if` whose branches are literals takes the type the binding is used as.
async fn wait(ms: u64) {
    sleep(Duration::from_millis(ms)).await;
}

async fn main() {
    let fast = true;
    let ms = if fast { 10 } else { 100 };
    wait(ms).await;
    println!("waited {}", ms);
}
