// tokio::select! over two async blocks: the first to finish wins, the other is dropped mid-await.
async fn fetch(name: &str) -> String {
    let text = async_read_file(name).await;
    format!("{}: {}", name, text)
}

async fn main() {
    let slow = async {
        sleep(Duration::from_millis(20)).await;
        println!("never printed: this branch is cancelled");
        1
    };
    let quick = async {
        sleep(Duration::from_millis(3)).await;
        2
    };
    let winner = tokio::select! {
        a = slow => a,
        b = quick => b,
    };
    println!("winner {}", winner);
    let label = String::from("fetched");
    tokio::select! {
        t = fetch("foo.txt") => {
            println!("{} {}", label, t);
        }
        (x, y) = join(ready(1), ready(2)) => {
            println!("pair {} {}", x, y);
        }
    }
    println!("{}", label);
}
