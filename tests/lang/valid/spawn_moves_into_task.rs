// A spawned task must own its data: `async move`.
async fn main() {
    let name = String::from("worker");
    spawn(async move {
        sleep(Duration::from_millis(10)).await;
        println!("{} done", name);
    });
    sleep(Duration::from_millis(20)).await;
    println!("main done");
}
