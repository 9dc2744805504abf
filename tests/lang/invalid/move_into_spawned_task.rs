// A spawned task owns what it captured; the spawner cannot use it afterwards.
async fn main() {
    let name = String::from("worker");
    spawn(async move {
        sleep(Duration::from_millis(10)).await;
        println!("{}", name);
    });
    println!("spawned {}", name);
}
