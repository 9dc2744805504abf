// A pinned sleep raced in a loop: each round select! polls it through `&mut`, so losing a round
// does not drop it; it keeps its deadline, and its branch wins when that comes.
use tokio::select;

async fn tick(n: u32) -> u32 {
    sleep(Duration::from_millis(10)).await;
    n
}

async fn main() {
    let deadline = sleep(Duration::from_millis(35));
    tokio::pin!(deadline);
    let mut n = 0;
    loop {
        select! {
            _ = &mut deadline => {
                println!("deadline after {} ticks", n);
                break;
            }
            v = tick(n) => {
                println!("tick {}", v);
                n += 1;
            }
        }
    }
    let later = std::pin::pin!(sleep(Duration::from_millis(5)));
    later.await;
    let mut f = sleep(Duration::from_millis(1));
    futures::pin_mut!(f);
    (&mut f).await;
    println!("done");
}
