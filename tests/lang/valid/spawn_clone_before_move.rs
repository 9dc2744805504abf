// Clone before moving into the task to keep a copy for the spawner.
async fn main() {
    let name = String::from("worker");
    let for_task = name.clone();
    spawn(async move {
        println!("task has {}", for_task);
    });
    println!("main has {}", name);
    sleep(Duration::from_millis(1)).await;
}
